CREATE TABLE "account_icp_fits" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"icp_id" uuid NOT NULL,
	"fit" numeric(5, 2) NOT NULL,
	"incomplete" boolean DEFAULT false NOT NULL,
	"details" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"icp_version" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_icp_fits_workspace_id_account_id_icp_id_pk" PRIMARY KEY("workspace_id","account_id","icp_id")
);
--> statement-breakpoint
CREATE TABLE "icps" (
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
	"active" boolean DEFAULT true NOT NULL,
	"dimensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"template" text,
	CONSTRAINT "icps_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "potential_scores" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"model_version" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"contributions" jsonb NOT NULL,
	"total" numeric(4, 2) NOT NULL,
	"class" text NOT NULL,
	"note" text,
	"scored_by" uuid,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "potential_scores_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "scoring_models" (
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
	"is_default" boolean DEFAULT false NOT NULL,
	"dimensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bands" jsonb DEFAULT '{"A":4,"B":3}'::jsonb NOT NULL,
	"template" text,
	CONSTRAINT "scoring_models_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "segment_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"thresholds" jsonb NOT NULL,
	"cells" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"template" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "icp_fit" numeric(5, 2);--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "icp_id" uuid;--> statement-breakpoint
CREATE INDEX "account_icp_fits_icp_idx" ON "account_icp_fits" USING btree ("workspace_id","icp_id","fit");--> statement-breakpoint
CREATE INDEX "icps_updated_idx" ON "icps" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "potential_scores_account_idx" ON "potential_scores" USING btree ("workspace_id","account_id","scored_at");--> statement-breakpoint
CREATE INDEX "scoring_models_updated_idx" ON "scoring_models" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "accounts_icp_fit_idx" ON "accounts" USING btree ("workspace_id","icp_fit","id");--> statement-breakpoint
CREATE INDEX "accounts_segment_idx" ON "accounts" USING btree ("workspace_id","segment");