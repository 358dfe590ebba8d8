DROP INDEX "accounts_owner_idx";--> statement-breakpoint
DROP INDEX "accounts_industry_idx";--> statement-breakpoint
DROP INDEX "accounts_tier_idx";--> statement-breakpoint
CREATE INDEX "accounts_owner_idx" ON "accounts" USING btree ("workspace_id","owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "accounts_industry_idx" ON "accounts" USING btree ("workspace_id","industry","updated_at","id");--> statement-breakpoint
CREATE INDEX "accounts_tier_idx" ON "accounts" USING btree ("workspace_id","tier","updated_at","id");