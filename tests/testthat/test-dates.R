# Date columns are found whatever their name, and dates rnnkit cannot read
# are refused with the conversion that fits (issue 13, item 8).

px <- rnn_example_data()[1:120, c("Date", "Close")]
split <- px$Date[100]

expect_dated <- function(df, name) {
  w <- rnn_windows(df, window = 10, split = split, scale = "none")
  expect_equal(w$index$date, px$Date[11:120], ignore_attr = TRUE, info = name)
  expect_equal(w$meta$features, "Close", info = name)
  expect_equal(sum(w$index$set == "test"), 21, info = name)
}

test_that("a Date or POSIXct column is the date column whatever its name", {
  for (nm in c("date", "DATE", "time", "Month", "when")) {
    df <- px
    names(df)[1] <- nm
    expect_dated(df, nm)
  }
  pt <- data.frame(Close = px$Close, stamp = as.POSIXct(format(px$Date), tz = "UTC"))
  w <- rnn_windows(pt, window = 10, split = as.POSIXct(format(split), tz = "UTC"))
  expect_equal(as.Date(w$index$date), px$Date[11:120])
  # the date is not taken as a feature
  expect_equal(dim(w$x), c(110, 10, 1))
})

test_that("ISO date strings are read whatever the column's name", {
  df <- data.frame(day = format(px$Date), Close = px$Close)
  expect_dated(df, "day (text)")
  df <- data.frame(Close = px$Close, obs = format(px$Date), stringsAsFactors = TRUE)
  expect_dated(df, "obs (factor)")
  # year-month: the first day of the month
  m <- data.frame(Month = sprintf("2001-%02d", 1:12), Turnover = 1:12 + 0)
  w <- rnn_windows(m, window = 3, scale = "none")
  expect_equal(w$index$date[1], as.Date("2001-04-01"))
  expect_equal(rnn_windows(m, window = 3, split = as.Date("2001-10-01"))$scaler$n_rows, 9)
})

test_that("dates in other forms are refused with the conversion, not 'sort the data'", {
  dmy <- data.frame(date = format(px$Date, "%d/%m/%Y"), Close = px$Close)
  e <- expect_error(rnn_windows(dmy, window = 10, split = split), class = "rnnkit_error_input")
  expect_match(conditionMessage(e), "ISO 8601", fixed = TRUE)
  expect_match(conditionMessage(e), 'as.Date(data$date, "%d/%m/%Y")', fixed = TRUE)
  expect_no_match(conditionMessage(e), "Sort the data")
  mdy <- data.frame(Close = px$Close, Date = format(px$Date, "%m/%d/%Y"))
  expect_error(rnn_windows(mdy, window = 10), '"%m/%d/%Y"', fixed = TRUE, class = "rnnkit_error_input")
  both <- data.frame(date = c("01/02/2020", "02/02/2020", "03/02/2020", "04/02/2020"), v = 1:4 + 0)
  expect_error(rnn_windows(both, window = 2), 'if the month comes first', class = "rnnkit_error_input")
  mon <- data.frame(Month = c("Jan-91", "Feb-91", "Mar-91", "Apr-91"), v = 1:4 + 0)
  expect_error(rnn_windows(mon, window = 2), 'as.Date(paste0("01-", data$Month), "%d-%b-%y")',
               fixed = TRUE, class = "rnnkit_error_input")
  bad <- data.frame(date = c("2020-01-30", "2020-01-31", "2020-02-30", "2020-03-01"), v = 1:4 + 0)
  expect_error(rnn_windows(bad, window = 2), '"2020-02-30" in row 3', class = "rnnkit_error_input")
})

test_that("several candidate date columns, explicit names, and none", {
  two <- data.frame(start = px$Date, end = px$Date + 1, Close = px$Close)
  expect_error(rnn_windows(two, window = 10), "several date columns \\(start, end\\)",
               class = "rnnkit_error_input")
  expect_equal(rnn_windows(two, window = 10, date = "end")$index$date[1], px$Date[11] + 1)
  # a numeric Month that repeats is a feature, not the time
  m <- data.frame(Month = rep(1:12, 2), Sales = 1:24 + 0)
  w <- rnn_windows(m, target = "Sales", window = 3)
  expect_null(w$index$date)
  expect_error(rnn_windows(m, target = "Sales", window = 3, split = as.Date("2001-01-01")),
               "no Date or POSIXct column", class = "rnnkit_error_input")
  expect_null(rnn_windows(px, window = 10, date = NULL, features = "Close")$index$date)
})

test_that("a model fit on `Date` reads new data dated under another name", {
  w <- rnn_windows(px, window = 10, test = 10)
  set.seed(1)
  fit <- rnn_fit(w, units = 2, epochs = 1, verbose = FALSE)
  nd <- data.frame(when = format(px$Date), Close = px$Close)
  p <- predict(fit, nd)
  expect_equal(p$date[1:110], px$Date[11:120]) # and the newest window's next day
  expect_equal(nrow(p), 111)
})

# Issue 14: forecast dates come from the core's calendar (rnn_next_dates in
# src/core/calendar.c). They stay what the R code gave before: R's own
# seq() by month, quarter or year (a day the month lacks rolls over),
# weekdays after data without weekends, else the median step.
old_next_dates <- function(index, h) {
  n <- length(index)
  last <- index[n]
  step <- if (n > 1) stats::median(diff(as.numeric(index))) else 1
  if (inherits(index, "Date")) {
    step_d <- if (n > 1) stats::median(diff(as.numeric(index))) else NA
    p <- if (is.na(step_d)) NA else if (step_d >= 28 && step_d <= 31) "month" else
      if (step_d >= 89 && step_d <= 92) "quarter" else if (step_d >= 365 && step_d <= 366) "year" else "day"
    if (!is.na(p) && p != "day") return(seq(last, by = p, length.out = h + 1)[-1])
    if (step <= 1.5 && !any(format(index, "%u") %in% c("6", "7"))) {
      days <- seq(last + 1, by = "day", length.out = 2 * h + 7)
      return(days[!format(days, "%u") %in% c("6", "7")][seq_len(h)])
    }
    return(last + round(step) * seq_len(h))
  }
  last + step * seq_len(h)
}

test_that("forecast dates step as before: month ends, leap years, quarters, weekdays", {
  nd <- rnnkit:::next_dates
  starts <- as.Date(c("2020-01-31", "2019-11-30", "2020-02-29", "2021-03-31", "1969-12-31",
                      "2000-02-29", "1900-02-28", "2021-01-08", "2021-01-09", "2024-08-31"))
  for (k in seq_along(starts)) {
    s <- starts[k]
    for (by in c("month", "quarter", "year", "day", "week", "2 days", "3 days")) {
      for (n in c(1, 2, 7)) {
        idx <- seq(s, by = by, length.out = n)
        expect_identical(nd(idx, 14), old_next_dates(idx, 14), info = paste(s, by, n))
        wd <- idx[!format(idx, "%u") %in% c("6", "7")]
        if (length(wd)) expect_identical(nd(wd, 9), old_next_dates(wd, 9), info = paste(s, by, n, "weekdays"))
      }
    }
    # month ends: the 31st steps to the 3rd (or 2nd) of the month after a short one
    me <- seq(s, by = "month", length.out = 6) - 1
    expect_identical(nd(me, 13), old_next_dates(me, 13))
  }
  expect_identical(nd(as.Date("2021-01-31") + c(-31, 0), 2), as.Date(c("2021-03-03", "2021-03-31")))
  expect_identical(nd(as.Date(c("2019-02-28", "2020-02-29")), 1), as.Date("2021-03-01"))
  # Friday 8 January 2021, after a week of trading days: Monday 11th
  expect_identical(nd(as.Date("2021-01-04") + 0:4, 2), as.Date(c("2021-01-11", "2021-01-12")))
  # a median step of 2.5 days rounds to even (R's round()), to 2
  expect_identical(nd(as.Date("2021-01-01") + c(0, 2, 5), 2), as.Date(c("2021-01-08", "2021-01-10")))
  # times of a ts and date-times step by the median
  expect_identical(nd(c(2000, 2000.25, 2000.5), 2), c(2000.75, 2001))
  pt <- as.POSIXct("2020-01-01", tz = "UTC") + 3600 * 0:3
  expect_identical(nd(pt, 2), old_next_dates(pt, 2))
})
