-- 0018: a destination of kind 'mailto' is a back office's mailbox (url
-- mailto:agency@example.gov): each new request becomes a plain-text
-- e-mail to it over the configured SMTP server (formats/mail.c);
-- updates are skipped (the mailbox gets new requests only), a test is a
-- test e-mail. Like the reporters' e-mails, its events wait for a node
-- that can send e-mail (sql/outbox_claim.sql).

ALTER TABLE destinations DROP CONSTRAINT destinations_kind_check;
ALTER TABLE destinations ADD CONSTRAINT destinations_kind_check
    CHECK (kind IN ('webhook', 'open311', 'mailto'));
ALTER TABLE destinations DROP CONSTRAINT destinations_url_check;
ALTER TABLE destinations ADD CONSTRAINT destinations_url_check
    CHECK (CASE kind WHEN 'mailto' THEN url ~ '^mailto:[^@<>,\s]+@[^@<>,\s]+$'
	ELSE url ~ '^https?://[^/?#]' END);
