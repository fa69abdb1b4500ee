ALTER TABLE "seminar_registrations" ADD COLUMN "first_joined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "seminar_registrations" ADD COLUMN "last_left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "seminar_walk_ins" ADD COLUMN "first_joined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "seminar_walk_ins" ADD COLUMN "last_left_at" timestamp with time zone;