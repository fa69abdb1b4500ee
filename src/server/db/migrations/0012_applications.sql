CREATE TABLE "allocation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"label" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"priority_weights" jsonb NOT NULL,
	"budget_thousand_yen" integer NOT NULL,
	"seed" bigint NOT NULL,
	"input" jsonb,
	"result" jsonb,
	"explanations" jsonb,
	"error" text,
	"solve_ms" integer,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "allocation_runs_budget" CHECK ("allocation_runs"."budget_thousand_yen" between 0 and 100000000),
	CONSTRAINT "allocation_runs_seed" CHECK ("allocation_runs"."seed" between 0 and 4294967295)
);
--> statement-breakpoint
CREATE TABLE "application_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"fiscal_year_id" uuid NOT NULL,
	"max_choices" integer DEFAULT 3 NOT NULL,
	"max_projects_per_municipality" integer DEFAULT 2 NOT NULL,
	"head_confirmation_required" boolean DEFAULT false NOT NULL,
	"priority_weights" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "application_calls_max_choices" CHECK ("application_calls"."max_choices" between 1 and 10),
	CONSTRAINT "application_calls_max_projects" CHECK ("application_calls"."max_projects_per_municipality" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"menu_ids" uuid[] NOT NULL,
	"challenge" text DEFAULT '' NOT NULL,
	"desired_start_month" text,
	"desired_end_month" text,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"preferred_advisor_user_id" uuid,
	"proxied_by" uuid,
	"submitted_at" timestamp with time zone,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"lock" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "applications_menu_count" CHECK (cardinality("applications"."menu_ids") between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "support_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"fiscal_year_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"menu_proposal_id" uuid,
	"organization_id" uuid,
	"title" text NOT NULL,
	"company_name" text NOT NULL,
	"cost_thousand_yen" integer,
	"status" text DEFAULT 'planned' NOT NULL,
	"source" text NOT NULL,
	"application_id" uuid,
	"allocation_run_id" uuid,
	"notes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "support_projects_cost" CHECK ("support_projects"."cost_thousand_yen" is null or "support_projects"."cost_thousand_yen" between 0 and 100000000)
);
--> statement-breakpoint
ALTER TABLE "allocation_runs" ADD CONSTRAINT "allocation_runs_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_runs" ADD CONSTRAINT "allocation_runs_call_id_application_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."application_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_runs" ADD CONSTRAINT "allocation_runs_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_calls" ADD CONSTRAINT "application_calls_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_calls" ADD CONSTRAINT "application_calls_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_calls" ADD CONSTRAINT "application_calls_fiscal_year_id_fiscal_years_id_fk" FOREIGN KEY ("fiscal_year_id") REFERENCES "public"."fiscal_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_call_id_application_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."application_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_preferred_advisor_user_id_users_id_fk" FOREIGN KEY ("preferred_advisor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_proxied_by_users_id_fk" FOREIGN KEY ("proxied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_projects" ADD CONSTRAINT "support_projects_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_projects" ADD CONSTRAINT "support_projects_fiscal_year_id_fiscal_years_id_fk" FOREIGN KEY ("fiscal_year_id") REFERENCES "public"."fiscal_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_projects" ADD CONSTRAINT "support_projects_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_projects" ADD CONSTRAINT "support_projects_menu_proposal_id_menu_proposals_id_fk" FOREIGN KEY ("menu_proposal_id") REFERENCES "public"."menu_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_projects" ADD CONSTRAINT "support_projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_projects" ADD CONSTRAINT "support_projects_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_projects" ADD CONSTRAINT "support_projects_allocation_run_id_allocation_runs_id_fk" FOREIGN KEY ("allocation_run_id") REFERENCES "public"."allocation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_runs_call" ON "allocation_runs" USING btree ("call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "application_calls_program" ON "application_calls" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "application_calls_fiscal_year" ON "application_calls" USING btree ("prefecture_id","fiscal_year_id");--> statement-breakpoint
CREATE INDEX "applications_call" ON "applications" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "applications_municipality" ON "applications" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "support_projects_municipality_year" ON "support_projects" USING btree ("prefecture_id","municipality_id","fiscal_year_id");--> statement-breakpoint
CREATE INDEX "support_projects_organization" ON "support_projects" USING btree ("organization_id");