CREATE TABLE "handoff_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"checklist" jsonb NOT NULL,
	"due_hours" integer DEFAULT 72 NOT NULL,
	"validation_days" integer DEFAULT 30 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "handoffs" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"account_id" uuid NOT NULL,
	"opportunity_id" uuid,
	"sales_owner_id" uuid,
	"csm_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"validation_due_at" timestamp with time zone,
	"validated_at" timestamp with time zone,
	"validation_comment" text,
	"escalated_at" timestamp with time zone,
	"validation_escalated_at" timestamp with time zone,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"value_goal" text,
	"notes" text,
	CONSTRAINT "handoffs_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "milestone_confirmations" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"contact_id" uuid,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"confirmed_name" text,
	"comment" text,
	"ip" text,
	"user_agent" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestone_confirmations_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"account_id" uuid NOT NULL,
	"opportunity_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"due_date" date,
	"status" text DEFAULT 'pending' NOT NULL,
	"confirmation_contact_id" uuid,
	"confirmation_requested_at" timestamp with time zone,
	"confirmation_expires_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"confirmed_by_name" text,
	"confirmation_comment" text,
	CONSTRAINT "milestones_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"size" integer NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "files_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "opportunity_deliverables" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"file_id" uuid,
	"waived" boolean DEFAULT false NOT NULL,
	"waiver_reason" text,
	"added_by" uuid,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "opportunity_deliverables_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "pipelines" (
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
	"is_default" boolean DEFAULT false NOT NULL,
	"stages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"loss_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"win_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"template" text,
	CONSTRAINT "pipelines_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "contract_renewals" (
	"workspace_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"end_date" date NOT NULL,
	"task_id" uuid,
	"opportunity_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_renewals_workspace_id_contract_id_pk" PRIMARY KEY("workspace_id","contract_id")
);
--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "win_reason" text;--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "close_note" text;--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "pipeline_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "handoffs_opportunity_key" ON "handoffs" USING btree ("workspace_id","opportunity_id") WHERE "handoffs"."opportunity_id" is not null;--> statement-breakpoint
CREATE INDEX "handoffs_account_idx" ON "handoffs" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "handoffs_due_idx" ON "handoffs" USING btree ("workspace_id","status","due_at");--> statement-breakpoint
CREATE INDEX "handoffs_updated_idx" ON "handoffs" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "milestone_confirmations_token_key" ON "milestone_confirmations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "milestone_confirmations_milestone_idx" ON "milestone_confirmations" USING btree ("workspace_id","milestone_id");--> statement-breakpoint
CREATE INDEX "milestones_account_idx" ON "milestones" USING btree ("workspace_id","account_id","due_date");--> statement-breakpoint
CREATE INDEX "milestones_updated_idx" ON "milestones" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "opp_deliverables_opp_idx" ON "opportunity_deliverables" USING btree ("workspace_id","opportunity_id","key");--> statement-breakpoint
CREATE INDEX "opp_deliverables_file_idx" ON "opportunity_deliverables" USING btree ("workspace_id","file_id");--> statement-breakpoint
CREATE INDEX "pipelines_updated_idx" ON "pipelines" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "contract_renewals_opportunity_idx" ON "contract_renewals" USING btree ("workspace_id","opportunity_id");