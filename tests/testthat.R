library(testthat)
library(rnnkit)

test_check("rnnkit")
