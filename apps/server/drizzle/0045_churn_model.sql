CREATE TABLE "churn_models" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"auc" double precision,
	"samples" integer NOT NULL,
	"reason" text,
	"model" jsonb,
	"trained_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "churn_scores" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"probability" double precision NOT NULL,
	"drivers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scored_at" timestamp with time zone NOT NULL,
	CONSTRAINT "churn_scores_workspace_id_account_id_pk" PRIMARY KEY("workspace_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "churn_trainings" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "churn_trainings_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "churn_scores_probability_idx" ON "churn_scores" USING btree ("workspace_id","probability");--> statement-breakpoint
CREATE INDEX "churn_trainings_requested_idx" ON "churn_trainings" USING btree ("workspace_id","requested_at");