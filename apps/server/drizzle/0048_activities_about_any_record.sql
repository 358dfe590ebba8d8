ALTER TABLE "activities" ALTER COLUMN "account_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "related_type" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "related_id" uuid;--> statement-breakpoint
CREATE INDEX "activities_related_idx" ON "activities" USING btree ("workspace_id","related_type","related_id","occurred_at");