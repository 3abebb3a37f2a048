-- Stakes beyond an exact percentage: a range whose bounds may each be exclusive (BODS-style share
-- ranges such as 25 < share < 50), control held without a percentage, and the dates a stake is in force.
-- An exact share keeps `percent`; a range fills `min_percent`/`max_percent` instead; control alone fills
-- neither. Every share stays an exact decimal with six places. Plain SQL that H2 and PostgreSQL both read.

alter table stake drop constraint stake_percent;
alter table stake alter column percent drop not null;

alter table stake add column min_percent numeric(9, 6);
alter table stake add column min_exclusive boolean default false not null;
alter table stake add column max_percent numeric(9, 6);
alter table stake add column max_exclusive boolean default false not null;
-- comma-separated wire names: consolidation, board-appointment, other-influence
alter table stake add column control varchar(64);
-- in force from valid_from (inclusive) until valid_to (exclusive); null is an open end
alter table stake add column valid_from timestamp with time zone;
alter table stake add column valid_to timestamp with time zone;

alter table stake add constraint stake_percent check (percent is null or (percent > 0 and percent <= 100));
alter table stake add constraint stake_range check (
    (min_percent is null and max_percent is null and not min_exclusive and not max_exclusive)
    or (min_percent is not null and max_percent is not null
        and min_percent >= 0 and max_percent <= 100 and min_percent < max_percent));
alter table stake add constraint stake_shape check (
    (percent is not null and min_percent is null)
    or (percent is null and min_percent is not null)
    or (percent is null and min_percent is null and control is not null));
alter table stake add constraint stake_control check (control is null or control <> '');
alter table stake add constraint stake_validity check (valid_from is null or valid_to is null or valid_from < valid_to);
