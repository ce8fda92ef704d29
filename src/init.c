/* Registration table, and the one load-time note the gateways need. */
#include <R.h>
#include <R_ext/Rdynload.h>
#include <Rinternals.h>

#include "r_rnnkit.h"

static const R_CallMethodDef call_methods[] = {
    {"rnnkit_n_params", (DL_FUNC)&rnnkit_n_params, 1},
    {"rnnkit_init", (DL_FUNC)&rnnkit_init, 3},
    {"rnnkit_predict", (DL_FUNC)&rnnkit_predict, 3},
    {"rnnkit_input_check", (DL_FUNC)&rnnkit_input_check, 5},
    {"rnnkit_loss_grad", (DL_FUNC)&rnnkit_loss_grad, 6},
    {"rnnkit_train", (DL_FUNC)&rnnkit_train, 9},
    {"rnnkit_model_encode", (DL_FUNC)&rnnkit_model_encode, 1},
    {"rnnkit_model_decode", (DL_FUNC)&rnnkit_model_decode, 1},
    {"rnnkit_schema", (DL_FUNC)&rnnkit_schema, 0},
    {"rnnkit_file_flags", (DL_FUNC)&rnnkit_file_flags, 2},
    {"rnnkit_suggest", (DL_FUNC)&rnnkit_suggest, 2},
    {"rnnkit_write_file", (DL_FUNC)&rnnkit_write_file, 2},
    {"rnnkit_read_csv", (DL_FUNC)&rnnkit_read_csv, 3}, /* issue 18 */
    /* the series engine */
    {"rnnkit_series_plan", (DL_FUNC)&rnnkit_series_plan, 6},
    {"rnnkit_series_eval", (DL_FUNC)&rnnkit_series_eval, 12},
    /* end of the series engine */
    {"rnnkit_rescale", (DL_FUNC)&rnnkit_rescale, 5},
    {"rnnkit_locf", (DL_FUNC)&rnnkit_locf, 1},
    /* issue 14 forecast/calendar block */
    {"rnnkit_forecast", (DL_FUNC)&rnnkit_forecast, 4},
    {"rnnkit_next_dates", (DL_FUNC)&rnnkit_next_dates, 3},
    {"rnnkit_calendar", (DL_FUNC)&rnnkit_calendar, 2}, /* issue 15 */
    {"rnnkit_season_period", (DL_FUNC)&rnnkit_season_period, 1}, /* issue 15 */
    {"rnnkit_match_dates", (DL_FUNC)&rnnkit_match_dates, 3},
    /* end of the issue 14 forecast/calendar block */
    {"rnnkit_accuracy", (DL_FUNC)&rnnkit_accuracy, 4},
    {"rnnkit_panel_pool", (DL_FUNC)&rnnkit_panel_pool, 1}, /* issue 16 */
    {"rnnkit_forecast_accuracy", (DL_FUNC)&rnnkit_forecast_accuracy, 4},
    {"rnnkit_naive_scale", (DL_FUNC)&rnnkit_naive_scale, 2},
    {"rnnkit_lambda_summary", (DL_FUNC)&rnnkit_lambda_summary, 1},
    {"rnnkit_text_encode", (DL_FUNC)&rnnkit_text_encode, 6},
    {"rnnkit_vocab_fit", (DL_FUNC)&rnnkit_vocab_fit, 6},
    {"rnnkit_text_decode", (DL_FUNC)&rnnkit_text_decode, 4},
    {"rnnkit_params_from_layer", (DL_FUNC)&rnnkit_params_from_layer, 3},
    {"rnnkit_params_to_layer", (DL_FUNC)&rnnkit_params_to_layer, 3},
    {"rnnkit_pad_sequences", (DL_FUNC)&rnnkit_pad_sequences, 6},
    {"rnnkit_text_streams", (DL_FUNC)&rnnkit_text_streams, 3},
    {"rnnkit_utf8_valid", (DL_FUNC)&rnnkit_utf8_valid, 1}, /* h14-text */
    {"rnnkit_generate", (DL_FUNC)&rnnkit_generate, 7},
    {"rnnkit_need_memory", (DL_FUNC)&rnnkit_need_memory, 2},
    {"rnnkit_state_size", (DL_FUNC)&rnnkit_state_size, 2},
    {"rnnkit_step", (DL_FUNC)&rnnkit_step, 4},
    {NULL, NULL, 0}};

void R_init_rnnkit(DllInfo *dll) {
  R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
  R_useDynamicSymbols(dll, FALSE);
  R_forceSymbols(dll, TRUE);
  rnnkit_remember_pid();
}
