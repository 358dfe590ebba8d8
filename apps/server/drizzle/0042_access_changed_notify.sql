-- Who may do what is cached in every API process for a few seconds (modules/users/access.cache.ts).
-- Any change to sessions, tokens, people, roles or teams announces its workspace on commit, and every
-- process drops that workspace's cached principals (LISTEN openkam_access) — within a second, by
-- whatever path the change came (the API, a command, a hand-written UPDATE).
CREATE OR REPLACE FUNCTION openkam_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('openkam_access', OLD.workspace_id::text);
  ELSE
    PERFORM pg_notify('openkam_access', NEW.workspace_id::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_access_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION openkam_access_changed();
--> statement-breakpoint
CREATE TRIGGER roles_access_changed AFTER UPDATE OR DELETE ON roles FOR EACH ROW EXECUTE FUNCTION openkam_access_changed();
--> statement-breakpoint
CREATE TRIGGER user_roles_access_changed AFTER INSERT OR UPDATE OR DELETE ON user_roles FOR EACH ROW EXECUTE FUNCTION openkam_access_changed();
--> statement-breakpoint
CREATE TRIGGER teams_access_changed AFTER INSERT OR UPDATE OR DELETE ON teams FOR EACH ROW EXECUTE FUNCTION openkam_access_changed();
--> statement-breakpoint
CREATE TRIGGER team_members_access_changed AFTER INSERT OR UPDATE OR DELETE ON team_members FOR EACH ROW EXECUTE FUNCTION openkam_access_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_access_changed AFTER UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION openkam_access_changed();
--> statement-breakpoint
CREATE TRIGGER api_tokens_access_changed AFTER UPDATE OF revoked_at, expires_at, scopes, deleted_at, user_id OR DELETE ON api_tokens FOR EACH ROW EXECUTE FUNCTION openkam_access_changed();
