// What an update changed, in API field names, for the audit log (fields the
// input leaves out are not compared).
import { diffValues } from '@/lib/audit/record-audit';

export function diffSnapshots(before: object, input: object) {
  const after = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return diffValues(before as Record<string, unknown>, after);
}
