CREATE TABLE "seminar_archive_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"user_id" uuid,
	"audience_group" text NOT NULL,
	"viewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seminar_attendance_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"format" text NOT NULL,
	"rows" jsonb NOT NULL,
	"confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "seminar_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"title" text NOT NULL,
	"audience" text NOT NULL,
	"region_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"registration_closes_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"attendance_threshold_minutes" integer NOT NULL,
	"join_url" text DEFAULT '' NOT NULL,
	"passcode" text DEFAULT '' NOT NULL,
	"programme" text DEFAULT '' NOT NULL,
	"speakers" text DEFAULT '' NOT NULL,
	"workshop_notes" text DEFAULT '' NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"archive_kind" text,
	"archive_url" text,
	"archive_file_id" uuid,
	"archive_opens_at" timestamp with time zone,
	"archive_closes_at" timestamp with time zone,
	"archive_entitlement" text,
	"archive_counts_toward_reach" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "seminar_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"stored_name" text,
	"original_name" text,
	"mime_type" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "seminar_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"user_id" uuid,
	"attendee_name" text NOT NULL,
	"attendee_position" text DEFAULT '' NOT NULL,
	"attendee_email" text NOT NULL,
	"audience_group" text NOT NULL,
	"status" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"minutes_attended" integer,
	"reminder_sent_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "seminar_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"fiscal_year_id" uuid NOT NULL,
	"program_id" uuid,
	"title" text NOT NULL,
	"cost_per_session_thousand_yen" integer NOT NULL,
	"session_count" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "seminar_walk_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"audience_group" text NOT NULL,
	"minutes_attended" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "seminar_archive_views" ADD CONSTRAINT "seminar_archive_views_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_archive_views" ADD CONSTRAINT "seminar_archive_views_event_id_seminar_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."seminar_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_archive_views" ADD CONSTRAINT "seminar_archive_views_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_archive_views" ADD CONSTRAINT "seminar_archive_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_attendance_imports" ADD CONSTRAINT "seminar_attendance_imports_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_attendance_imports" ADD CONSTRAINT "seminar_attendance_imports_event_id_seminar_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."seminar_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_events" ADD CONSTRAINT "seminar_events_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_events" ADD CONSTRAINT "seminar_events_series_id_seminar_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."seminar_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_events" ADD CONSTRAINT "seminar_events_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_files" ADD CONSTRAINT "seminar_files_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_files" ADD CONSTRAINT "seminar_files_event_id_seminar_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."seminar_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_registrations" ADD CONSTRAINT "seminar_registrations_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_registrations" ADD CONSTRAINT "seminar_registrations_event_id_seminar_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."seminar_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_registrations" ADD CONSTRAINT "seminar_registrations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_registrations" ADD CONSTRAINT "seminar_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_series" ADD CONSTRAINT "seminar_series_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_series" ADD CONSTRAINT "seminar_series_fiscal_year_id_fiscal_years_id_fk" FOREIGN KEY ("fiscal_year_id") REFERENCES "public"."fiscal_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_series" ADD CONSTRAINT "seminar_series_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_walk_ins" ADD CONSTRAINT "seminar_walk_ins_prefecture_id_prefectures_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."prefectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_walk_ins" ADD CONSTRAINT "seminar_walk_ins_event_id_seminar_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."seminar_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_walk_ins" ADD CONSTRAINT "seminar_walk_ins_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seminar_archive_views_event" ON "seminar_archive_views" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seminar_archive_views_id" ON "seminar_archive_views" USING btree ("id");--> statement-breakpoint
CREATE INDEX "seminar_events_series" ON "seminar_events" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "seminar_events_starts" ON "seminar_events" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "seminar_files_event" ON "seminar_files" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "seminar_registrations_event" ON "seminar_registrations" USING btree ("event_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "seminar_registrations_municipality" ON "seminar_registrations" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "seminar_series_fiscal_year" ON "seminar_series" USING btree ("fiscal_year_id");--> statement-breakpoint
CREATE INDEX "seminar_walk_ins_event" ON "seminar_walk_ins" USING btree ("event_id");