-- Rate-limit counters shared by every app instance (rate-limiter-flexible's Drizzle store).
create table app.rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire timestamptz
);
create index rate_limits_expire_idx on app.rate_limits (expire);
