// The 422s a category tree refuses with; the codes are what the UI keys on.
import { unprocessable } from '@/lib/api/errors';
import { MAX_CATEGORY_LEVEL } from './schemas';

export const invalidParent = () =>
  unprocessable(
    'parent_id does not name a category of this workspace',
    { fields: [{ field: 'parent_id', message: 'no such category in this workspace' }] },
    'invalid_parent',
  );

export const categoryTooDeep = () =>
  unprocessable(
    `Categories can be nested at most ${MAX_CATEGORY_LEVEL} levels below a root category`,
    { fields: [{ field: 'parent_id', message: 'too deep' }], max_level: MAX_CATEGORY_LEVEL },
    'category_too_deep',
  );

export const categoryCycle = () =>
  unprocessable(
    'A category cannot be moved into itself or one of its own subcategories',
    { fields: [{ field: 'parent_id', message: 'is inside the category being moved' }] },
    'category_cycle',
  );
