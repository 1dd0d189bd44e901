'use client';
// The whole category tree (GET /api/kb/categories, flat by path), cached for the page.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/components/agents/api-client';
import { kbKeys, type Category } from './types';

export function useCategories() {
  return useQuery({
    queryKey: kbKeys.categories(),
    queryFn: ({ signal }) => apiGet<{ categories: Category[] }>('/api/kb/categories', signal).then((r) => r.categories),
  });
}
