CREATE TABLE "audit_log" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_type" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	CONSTRAINT "audit_log_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "event_receipts" (
	"workspace_id" uuid NOT NULL,
	"handler" text NOT NULL,
	"event_id" uuid NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_receipts_workspace_id_handler_event_id_pk" PRIMARY KEY("workspace_id","handler","event_id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"type" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"payload" jsonb NOT NULL,
	"actor_id" uuid,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
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
	"industry" text,
	"sub_industry" text,
	"credit_code" text,
	"domain" text,
	"website" text,
	"phone" text,
	"address" text,
	"annual_revenue" numeric(18, 2),
	"annual_revenue_currency" text DEFAULT 'CNY' NOT NULL,
	"employees" integer,
	"branches" integer,
	"size_band" text,
	"region" text,
	"market_scope" text,
	"tech_maturity" text,
	"competitor_products" text[],
	"decision_department" text,
	"decision_makers" text,
	"decision_cycle_days" integer,
	"pain_points" text[],
	"profitability" text,
	"cash_flow" text,
	"payment_risk" text,
	"financial_health" text,
	"annual_spend" numeric(18, 2),
	"currency" text DEFAULT 'CNY' NOT NULL,
	"tier" text,
	"segment" text,
	"demand_maturity" text,
	"lifecycle_stage" text,
	"csm_id" uuid,
	"team_id" uuid,
	"description" text,
	"potential_total" numeric(4, 2),
	"potential_class" text,
	"health_score" numeric(5, 2),
	"health_band" text,
	CONSTRAINT "accounts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "activities" (
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
	"contact_ids" uuid[] DEFAULT '{}' NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"body" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer,
	"location" text,
	CONSTRAINT "activities_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
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
	"number" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" text NOT NULL,
	"notes" text,
	"opportunity_id" uuid,
	"start_date" date,
	"end_date" date,
	"signed_date" date,
	"terms" text,
	"auto_renew" boolean DEFAULT false NOT NULL,
	CONSTRAINT "contracts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
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
	"number" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" text NOT NULL,
	"notes" text,
	"contract_id" uuid,
	"order_id" uuid,
	"issue_date" date,
	"due_date" date,
	CONSTRAINT "invoices_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "orders" (
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
	"number" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" text NOT NULL,
	"notes" text,
	"opportunity_id" uuid,
	"contract_id" uuid,
	"order_date" date,
	CONSTRAINT "orders_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "payments" (
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
	"number" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" text NOT NULL,
	"notes" text,
	"invoice_id" uuid,
	"contract_id" uuid,
	"due_date" date,
	"paid_date" date,
	"method" text,
	CONSTRAINT "payments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "quotes" (
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
	"number" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" text NOT NULL,
	"notes" text,
	"opportunity_id" uuid,
	"issue_date" date,
	"valid_until" date,
	"discount_percent" numeric(5, 2),
	CONSTRAINT "quotes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
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
	"name" text NOT NULL,
	"title" text,
	"department" text,
	"email" text,
	"phone" text,
	"buying_role" text,
	"influence" integer,
	"stance" text,
	"relationship_strength" integer,
	"reports_to_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"left_at" timestamp with time zone,
	"last_contacted_at" timestamp with time zone,
	"notes" text,
	CONSTRAINT "contacts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "leads" (
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
	"company" text,
	"title" text,
	"email" text,
	"phone" text,
	"source" text,
	"industry" text,
	"region" text,
	"score" integer,
	"status" text DEFAULT 'new' NOT NULL,
	"notes" text,
	"converted_account_id" uuid,
	"converted_at" timestamp with time zone,
	CONSTRAINT "leads_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "marketing_touches" (
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
	"contact_id" uuid,
	"lead_id" uuid,
	"kind" text NOT NULL,
	"campaign" text,
	"title" text NOT NULL,
	"url" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"external_id" text,
	CONSTRAINT "marketing_touches_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
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
	"name" text NOT NULL,
	"amount" numeric(18, 2),
	"currency" text DEFAULT 'CNY' NOT NULL,
	"stage" text DEFAULT 'discovery' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"type" text,
	"probability" integer,
	"expected_close_date" date,
	"won_at" timestamp with time zone,
	"lost_at" timestamp with time zone,
	"loss_reason" text,
	"source" text,
	"description" text,
	CONSTRAINT "opportunities_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"assignee_id" uuid,
	"assignee_role" text,
	"account_id" uuid,
	"related_type" text,
	"related_id" uuid,
	"due_at" timestamp with time zone,
	"priority" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "tasks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
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
	"contact_id" uuid,
	"type" text DEFAULT 'question' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"subject" text NOT NULL,
	"body" text,
	"status" text DEFAULT 'new' NOT NULL,
	"assignee_id" uuid,
	"team_id" uuid,
	"satisfaction" integer,
	"channel" text,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "tickets_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text,
	"success" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"permissions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	CONSTRAINT "roles_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "sessions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "team_members_workspace_id_team_id_user_id_pk" PRIMARY KEY("workspace_id","team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
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
	"manager_id" uuid,
	"parent_id" uuid,
	CONSTRAINT "teams_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "user_roles_workspace_id_user_id_role_id_pk" PRIMARY KEY("workspace_id","user_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"locale" text,
	"title" text,
	"phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "users_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_demo" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("workspace_id","entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "outbox_entity_idx" ON "outbox" USING btree ("workspace_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "outbox_type_idx" ON "outbox" USING btree ("workspace_id","type","created_at");--> statement-breakpoint
CREATE INDEX "accounts_owner_idx" ON "accounts" USING btree ("workspace_id","owner_id","updated_at");--> statement-breakpoint
CREATE INDEX "accounts_csm_idx" ON "accounts" USING btree ("workspace_id","csm_id");--> statement-breakpoint
CREATE INDEX "accounts_updated_idx" ON "accounts" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "accounts_name_idx" ON "accounts" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "accounts_industry_idx" ON "accounts" USING btree ("workspace_id","industry","updated_at");--> statement-breakpoint
CREATE INDEX "accounts_tier_idx" ON "accounts" USING btree ("workspace_id","tier");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_credit_code_key" ON "accounts" USING btree ("workspace_id","credit_code") WHERE "accounts"."credit_code" is not null and "accounts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "accounts_domain_idx" ON "accounts" USING btree ("workspace_id","domain");--> statement-breakpoint
CREATE INDEX "activities_account_idx" ON "activities" USING btree ("workspace_id","account_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_owner_idx" ON "activities" USING btree ("workspace_id","owner_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_updated_idx" ON "activities" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "activities_occurred_idx" ON "activities" USING btree ("workspace_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "contracts_account_idx" ON "contracts" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "contracts_updated_idx" ON "contracts" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "contracts_number_idx" ON "contracts" USING btree ("workspace_id","number");--> statement-breakpoint
CREATE INDEX "contracts_end_idx" ON "contracts" USING btree ("workspace_id","end_date");--> statement-breakpoint
CREATE INDEX "invoices_account_idx" ON "invoices" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "invoices_updated_idx" ON "invoices" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "invoices_number_idx" ON "invoices" USING btree ("workspace_id","number");--> statement-breakpoint
CREATE INDEX "invoices_due_idx" ON "invoices" USING btree ("workspace_id","status","due_date");--> statement-breakpoint
CREATE INDEX "orders_account_idx" ON "orders" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "orders_updated_idx" ON "orders" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "orders_number_idx" ON "orders" USING btree ("workspace_id","number");--> statement-breakpoint
CREATE INDEX "payments_account_idx" ON "payments" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "payments_updated_idx" ON "payments" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "payments_number_idx" ON "payments" USING btree ("workspace_id","number");--> statement-breakpoint
CREATE INDEX "payments_due_idx" ON "payments" USING btree ("workspace_id","status","due_date");--> statement-breakpoint
CREATE INDEX "quotes_account_idx" ON "quotes" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "quotes_updated_idx" ON "quotes" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "quotes_number_idx" ON "quotes" USING btree ("workspace_id","number");--> statement-breakpoint
CREATE INDEX "contacts_account_idx" ON "contacts" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "contacts_owner_idx" ON "contacts" USING btree ("workspace_id","owner_id");--> statement-breakpoint
CREATE INDEX "contacts_updated_idx" ON "contacts" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "contacts_name_idx" ON "contacts" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "contacts_email_idx" ON "contacts" USING btree ("workspace_id",lower("email"));--> statement-breakpoint
CREATE INDEX "leads_owner_idx" ON "leads" USING btree ("workspace_id","owner_id");--> statement-breakpoint
CREATE INDEX "leads_status_idx" ON "leads" USING btree ("workspace_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "leads_updated_idx" ON "leads" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "leads_email_idx" ON "leads" USING btree ("workspace_id",lower("email"));--> statement-breakpoint
CREATE INDEX "marketing_touches_account_idx" ON "marketing_touches" USING btree ("workspace_id","account_id","occurred_at");--> statement-breakpoint
CREATE INDEX "marketing_touches_updated_idx" ON "marketing_touches" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "marketing_touches_external_key" ON "marketing_touches" USING btree ("workspace_id","external_id") WHERE "marketing_touches"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "opportunities_account_idx" ON "opportunities" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "opportunities_owner_idx" ON "opportunities" USING btree ("workspace_id","owner_id","status");--> statement-breakpoint
CREATE INDEX "opportunities_stage_idx" ON "opportunities" USING btree ("workspace_id","status","stage");--> statement-breakpoint
CREATE INDEX "opportunities_close_idx" ON "opportunities" USING btree ("workspace_id","expected_close_date");--> statement-breakpoint
CREATE INDEX "opportunities_updated_idx" ON "opportunities" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("workspace_id","assignee_id","status","due_at");--> statement-breakpoint
CREATE INDEX "tasks_account_idx" ON "tasks" USING btree ("workspace_id","account_id","status");--> statement-breakpoint
CREATE INDEX "tasks_related_idx" ON "tasks" USING btree ("workspace_id","related_type","related_id");--> statement-breakpoint
CREATE INDEX "tasks_updated_idx" ON "tasks" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "tickets_account_idx" ON "tickets" USING btree ("workspace_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_status_idx" ON "tickets" USING btree ("workspace_id","status","priority");--> statement-breakpoint
CREATE INDEX "tickets_assignee_idx" ON "tickets" USING btree ("workspace_id","assignee_id");--> statement-breakpoint
CREATE INDEX "tickets_updated_idx" ON "tickets" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_token_key" ON "api_tokens" USING btree ("workspace_id","token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_key_key" ON "roles" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_key" ON "sessions" USING btree ("workspace_id","token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE INDEX "teams_name_idx" ON "teams" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "user_roles_role_idx" ON "user_roles" USING btree ("workspace_id","role_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("workspace_id",lower("email"));--> statement-breakpoint
CREATE INDEX "users_login_email_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_slug_key" ON "workspaces" USING btree ("slug");