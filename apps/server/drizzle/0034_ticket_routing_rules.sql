CREATE TABLE "ticket_routing_rules" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"condition" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"assign" jsonb NOT NULL,
	"last_assignee_id" uuid,
	CONSTRAINT "ticket_routing_rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "ticket_routing_rules_order_idx" ON "ticket_routing_rules" USING btree ("workspace_id","sort_order");