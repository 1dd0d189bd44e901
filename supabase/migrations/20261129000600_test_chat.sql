-- Test chat (issue 8): a member who may try an agent may also throw its test conversations away.
-- Deleting production dialogs stays with admins (20261128000100_crm.sql); messages and timeline
-- events of the test conversation go with it through the foreign keys' cascade.
create policy conversations_delete_test on public.conversations for delete to authenticated
  using (channel_type = 'test' and workspace_id = any ((select app.writer_workspaces())::uuid[]));
