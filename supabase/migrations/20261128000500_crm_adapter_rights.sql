-- The CRM adapter run by the agent runtime assigns tasks to a responsible member: it must be
-- able to check that the person is a member of the workspace (read memberships, nothing else).
insert into app.system_actor_rights (system_name, table_name, access) values
  ('agent-runtime', 'memberships', 'read')
on conflict (system_name, table_name) do nothing;
