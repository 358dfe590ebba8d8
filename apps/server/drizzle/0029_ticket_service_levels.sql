CREATE TABLE "ticket_counters" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"last" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolution_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_status" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_paused_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "routed_by" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_idx" ON "tickets" USING btree ("workspace_id","number");--> statement-breakpoint
CREATE INDEX "tickets_sla_idx" ON "tickets" USING btree ("workspace_id","sla_status","resolution_due_at");--> statement-breakpoint
-- Tickets that exist already get their numbers in the order they were opened, and each workspace's counter follows.
UPDATE "tickets" t SET "number" = 'TK-' || (10000 + n.rn)::text
FROM (SELECT "workspace_id", "id", row_number() OVER (PARTITION BY "workspace_id" ORDER BY "created_at", "id") AS rn FROM "tickets") n
WHERE t."workspace_id" = n."workspace_id" AND t."id" = n."id";--> statement-breakpoint
INSERT INTO "ticket_counters" ("workspace_id", "last")
SELECT "workspace_id", count(*) FROM "tickets" GROUP BY "workspace_id";
