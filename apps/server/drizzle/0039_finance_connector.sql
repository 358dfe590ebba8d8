CREATE TABLE "finance_log" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"provider" text NOT NULL,
	"document" text NOT NULL,
	"operation" text NOT NULL,
	"contract_id" uuid,
	"contract_number" text,
	"state" text NOT NULL,
	"error" text,
	"request" jsonb,
	"response" jsonb,
	CONSTRAINT "finance_log_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "finance_receipts" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"provider" text NOT NULL,
	"external_id" text NOT NULL,
	"bill_number" text NOT NULL,
	"source_number" text,
	"contract_id" uuid,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"received_on" text NOT NULL,
	"payment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "finance_receipts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "finance_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"base_url" text NOT NULL,
	"credentials_sealed" text,
	"enabled" boolean DEFAULT false NOT NULL,
	"receipts_since" text,
	"last_pull_at" timestamp with time zone,
	"last_pull_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "finance_syncs" (
	"workspace_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"contract_number" text NOT NULL,
	"provider" text NOT NULL,
	"state" text NOT NULL,
	"external_id" text,
	"bill_number" text,
	"amount" numeric(18, 2),
	"currency" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "finance_syncs_workspace_id_contract_id_pk" PRIMARY KEY("workspace_id","contract_id")
);
--> statement-breakpoint
CREATE INDEX "finance_log_at_idx" ON "finance_log" USING btree ("workspace_id","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "finance_receipts_ext_uq" ON "finance_receipts" USING btree ("workspace_id","provider","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "finance_syncs_number_uq" ON "finance_syncs" USING btree ("workspace_id","contract_number");