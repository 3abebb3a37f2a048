-- How far the outbox has been pruned: every sequence number at or below `through` may have been deleted. A
-- follower whose next change is at or below it will never see that row again, so it loads the whole graph at
-- once instead of waiting out `gap-wait` for a row that cannot come. Written in the pruning transaction; a row of
-- its own, not a column of `registry_version`, so that pruning never takes the lock every registry write takes.
create table registry_outbox_pruned (
    id      integer not null,
    through bigint  not null,
    constraint registry_outbox_pruned_pk primary key (id),
    constraint registry_outbox_pruned_one check (id = 1)
);
insert into registry_outbox_pruned (id, through) values (1, 0);
