# rnn_example_data(): the bundled real OHLCV series (inst/extdata).

rnn_example_data <- function(name = "djia") {
  name <- check_choice(name, "djia", "name")
  px <- utils::read.csv(system.file("extdata", paste0(name, ".csv"), package = "rnnkit"))
  px$Date <- as.Date(px$Date)
  px
}
