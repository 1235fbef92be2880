-- Signals for the per-process session-state cache (platform/auth/session-state.ts). Any statement
-- that changes what ops_session_state() returns (sessions, people, their roles, roles' permissions,
-- workspace settings) sends the workspace's id on channel opsledger_session_state when it commits;
-- '*' when no workspace is set (a system or superuser statement), which means "all of them".
-- Every pooled connection LISTENs, and PostgreSQL delivers a session's own notification before the
-- COMMIT's reply, so the writing process forgets the cached state before its write returns; other
-- processes hear it within milliseconds. Statement-level triggers: one signal per statement, and
-- nothing on the posting path (these tables are not written while posting).
CREATE FUNCTION ops_signal_session_state() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('opsledger_session_state', coalesce(nullif(current_setting('app.tenant_id', true), ''), '*'));
  RETURN NULL;
END $$;

CREATE TRIGGER sessions_signal_session_state AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION ops_signal_session_state();
CREATE TRIGGER users_signal_session_state AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION ops_signal_session_state();
CREATE TRIGGER user_roles_signal_session_state AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_roles
  FOR EACH STATEMENT EXECUTE FUNCTION ops_signal_session_state();
CREATE TRIGGER roles_signal_session_state AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON roles
  FOR EACH STATEMENT EXECUTE FUNCTION ops_signal_session_state();
CREATE TRIGGER workspaces_signal_session_state AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workspaces
  FOR EACH STATEMENT EXECUTE FUNCTION ops_signal_session_state();
