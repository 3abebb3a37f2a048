-- Which instance delivers a decision.changed event to a webhook: every instance computes the same event (each
-- follows the registry), the first to insert its id here delivers it, the others leave it. A claim older than
-- clearance.watches.webhook.claim-window is pruned (and may be taken again: the same change happening again).
create table watch_delivery_claim (
    -- the event's id for one watch (EventId: the same on every instance and every retry)
    event_id    varchar(36)  not null primary key,
    -- the instance that delivers it
    instance_id varchar(128) not null,
    claimed_at  timestamp with time zone not null
);

create index watch_delivery_claim_by_time on watch_delivery_claim (claimed_at);
