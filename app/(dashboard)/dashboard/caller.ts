// One caller lookup per request, shared by the dashboard layout and its pages.
import { cache } from 'react';
import { requirePageCaller } from '@/lib/auth/page-caller';

export const getCaller = cache(() => requirePageCaller());
