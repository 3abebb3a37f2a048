-- A claimed delivery is kept until it is delivered or dead-lettered, so that an instance that dies with claimed
-- events unsent does not lose them: the claim row holds what is needed to send the event again (its watch and
-- its JSON body: the same id, and the same signature under the watch's secret), and a lease the owning
-- instance renews while it holds the event. Pending rows whose lease ran out are taken over by another
-- instance (one winner: a conditional update). Rows from before this migration were sent (or lost) already.
alter table watch_delivery_claim add column watch_id varchar(36);
alter table watch_delivery_claim add column body varchar(1000000);
-- pending, delivered or dead-lettered
alter table watch_delivery_claim add column state varchar(16) default 'delivered' not null;
-- attempts made so far, and when the next is due (null: now)
alter table watch_delivery_claim add column attempts integer default 0 not null;
alter table watch_delivery_claim add column next_attempt_at timestamp with time zone;
-- until when instance_id holds a pending row; null: nobody holds it (any instance with room may take it)
alter table watch_delivery_claim add column lease_until timestamp with time zone;
-- which claim of the row an outcome is about: a new claim (a repeat, a takeover) writes a new token, so that
-- the outcome of an older one (an instance that was stuck, not dead) does not mark the new one
alter table watch_delivery_claim add column claim_token varchar(36);

create index watch_delivery_claim_pending on watch_delivery_claim (state, lease_until);
