import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { notFound } from '@/lib/api/errors';
import { getVertical } from '@/lib/crm/verticals/list-verticals';
import { deleteVertical, updateVertical } from '@/lib/crm/verticals/manage-verticals';
import { updateVerticalSchema } from '@/lib/crm/pipelines/schemas';
import { CODE_RE } from '@/lib/crm/pipelines/stage-codes';

type P = { code: string };

function codeParam(code: string | undefined): string {
  if (!code || !CODE_RE.test(code)) throw notFound('Vertical');
  return code;
}

export const GET = workspaceRoute<P>(async ({ params, caller }) => ({ vertical: await getVertical(caller.actor, codeParam(params.code)) }), {
  permission: 'crm.read',
});

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    vertical: await updateVertical(caller.actor, codeParam(params.code), await parseJson(req, updateVerticalSchema)),
  }),
  { permission: 'crm.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteVertical(caller.actor, codeParam(params.code));
    return null;
  },
  { permission: 'crm.admin' },
);
