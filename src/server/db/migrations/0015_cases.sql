CREATE TABLE "case_studies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fiscal_year_id" uuid NOT NULL,
	"menu_proposal_id" uuid,
	"support_project_id" uuid,
	"organization_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"challenge_areas" text[] NOT NULL,
	"challenge" text DEFAULT '' NOT NULL,
	"approach" text DEFAULT '' NOT NULL,
	"tools" text DEFAULT '' NOT NULL,
	"cost_thousand_yen" integer,
	"effect" text DEFAULT '' NOT NULL,
	"company_name" text DEFAULT '' NOT NULL,
	"is_illustrative" boolean DEFAULT false NOT NULL,
	"return_comment" text,
	"returned_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"municipality_approved_by" uuid,
	"municipality_approved_at" timestamp with time zone,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"unpublished_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "case_studies_cost" CHECK ("case_studies"."cost_thousand_yen" is null or "case_studies"."cost_thousand_yen" between 0 and 100000000),
	CONSTRAINT "case_studies_areas" CHECK (cardinality("case_studies"."challenge_areas") between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_fiscal_year_id_fiscal_years_id_fk" FOREIGN KEY ("fiscal_year_id") REFERENCES "public"."fiscal_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_menu_proposal_id_menu_proposals_id_fk" FOREIGN KEY ("menu_proposal_id") REFERENCES "public"."menu_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_support_project_id_support_projects_id_fk" FOREIGN KEY ("support_project_id") REFERENCES "public"."support_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_municipality_approved_by_users_id_fk" FOREIGN KEY ("municipality_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_studies_prefecture_status" ON "case_studies" USING btree ("prefecture_id","status");--> statement-breakpoint
CREATE INDEX "case_studies_municipality" ON "case_studies" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "case_studies_organization" ON "case_studies" USING btree ("organization_id");