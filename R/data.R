# rnn_example_data(): the bundled real series (inst/extdata): "djia",
# daily OHLCV prices, and "air", monthly airline passengers.

rnn_example_data <- function(name = "djia") {
  name <- check_choice(name, c("djia", "air"), "name")
  px <- utils::read.csv(system.file("extdata", paste0(name, ".csv"), package = "rnnkit"))
  px$Date <- as.Date(px$Date)
  px
}
