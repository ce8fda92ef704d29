# Parity with PyTorch 1.13 (Debian python3-torch): fixtures written by
# tools/make_torch_fixtures.py hold weights, inputs, outputs and gradients,
# in a plain text format Octave reads too (tests/octave/parity.m checks
# the same numbers there).

fixtures <- Sys.glob(test_path("fixtures", "torch_*.txt"))

test_that("all PyTorch fixtures are present", {
  expect_length(fixtures, 10)
})

for (f in fixtures) {
  z <- read_fixture(f)
  test_that(paste("parity with PyTorch:", z$case), {
    m <- rnn_model(z$cell, z$units, z$n_in, z$n_out, z$activation, z$head_act,
                   z$seq_out, params = z$params)
    yhat <- predict(m, z$x)
    expect_equal(as.vector(yhat), as.vector(z$yhat), tolerance = 1e-10)
    r <- core_loss_grad(m, z$loss, z$x, z$y)
    expect_equal(r$loss, z$loss_value, tolerance = 1e-10)
    expect_equal(r$grad, z$grad, tolerance = 1e-10)
    expect_equal(as.vector(r$dx), as.vector(z$dx), tolerance = 1e-10)
  })
}
