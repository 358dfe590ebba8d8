CREATE TABLE "approval_decisions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"approval_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"on_behalf_of" uuid,
	"approver_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_decisions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "approval_delegations" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_delegations_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "approval_flows" (
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
	"description" text,
	"object" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"condition" jsonb,
	"steps" jsonb NOT NULL,
	"locked_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" jsonb,
	"priority" integer DEFAULT 100 NOT NULL,
	"template" text,
	CONSTRAINT "approval_flows_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"flow_id" uuid NOT NULL,
	"flow_name" text NOT NULL,
	"object" text NOT NULL,
	"record_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"current_step" integer,
	"steps" jsonb NOT NULL,
	"locked_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" jsonb,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approvals_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "approval_decisions_once_key" ON "approval_decisions" USING btree ("workspace_id","approval_id","step","approver_id");--> statement-breakpoint
CREATE INDEX "approval_delegations_to_idx" ON "approval_delegations" USING btree ("workspace_id","to_user_id");--> statement-breakpoint
CREATE INDEX "approval_flows_object_idx" ON "approval_flows" USING btree ("workspace_id","object");--> statement-breakpoint
CREATE INDEX "approval_flows_updated_idx" ON "approval_flows" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_flows_template_key" ON "approval_flows" USING btree ("workspace_id","template") WHERE "approval_flows"."template" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "approvals_pending_record_key" ON "approvals" USING btree ("workspace_id","object","record_id") WHERE "approvals"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "approvals_record_idx" ON "approvals" USING btree ("workspace_id","object","record_id");--> statement-breakpoint
CREATE INDEX "approvals_list_idx" ON "approvals" USING btree ("workspace_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "approvals_submitter_idx" ON "approvals" USING btree ("workspace_id","submitted_by","submitted_at");