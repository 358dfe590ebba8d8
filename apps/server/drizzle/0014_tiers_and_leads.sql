CREATE TABLE "lead_events" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"title" text,
	"url" text,
	"source" text DEFAULT 'api' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "lead_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lead_forms" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"source" text DEFAULT 'website' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"max_per_hour" integer DEFAULT 200 NOT NULL,
	"window_start" timestamp with time zone,
	"window_count" integer DEFAULT 0 NOT NULL,
	"submissions" integer DEFAULT 0 NOT NULL,
	"last_submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"rotated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "lead_forms_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lead_scoring_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"turn" integer DEFAULT -1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "account_tier_changes" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"from_tier" text,
	"to_tier" text NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"annual_spend" numeric(18, 2),
	"industry_leader" boolean DEFAULT false NOT NULL,
	"rule" jsonb NOT NULL,
	"from_package" text,
	"to_package" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_tier_changes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "account_tiers" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"industry_leader" boolean DEFAULT false NOT NULL,
	"override_tier" text,
	"override_reason" text,
	"override_by" uuid,
	"override_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_tiers_workspace_id_account_id_pk" PRIMARY KEY("workspace_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "tier_rules" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"strategic_min" numeric(18, 2) NOT NULL,
	"growth_min" numeric(18, 2) NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"leader_is_strategic" boolean DEFAULT true NOT NULL,
	"packages" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "converted_contact_id" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "converted_opportunity_id" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "domain" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "credit_code" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "employees" integer;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "score_breakdown" jsonb;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "scored_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "routed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "form_id" uuid;--> statement-breakpoint
CREATE INDEX "lead_events_lead_idx" ON "lead_events" USING btree ("workspace_id","lead_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_forms_key" ON "lead_forms" USING btree ("key");--> statement-breakpoint
CREATE INDEX "account_tier_changes_account_idx" ON "account_tier_changes" USING btree ("workspace_id","account_id","changed_at");--> statement-breakpoint
CREATE INDEX "account_tier_changes_at_idx" ON "account_tier_changes" USING btree ("workspace_id","changed_at");--> statement-breakpoint
CREATE INDEX "leads_score_idx" ON "leads" USING btree ("workspace_id","score");