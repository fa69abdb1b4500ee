ALTER TABLE "mail_outbox" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_prefecture_id" ON "audit_log" USING btree ("prefecture_id","id");--> statement-breakpoint
CREATE INDEX "mail_outbox_prefecture_created" ON "mail_outbox" USING btree ("prefecture_id","created_at");