/* The .Call entry points registered in init.c. */
#ifndef RNNKIT_R_H
#define RNNKIT_R_H
#include <Rinternals.h>

SEXP rnnkit_n_params(SEXP config);
SEXP rnnkit_init(SEXP config, SEXP recurrent_init, SEXP seed);
SEXP rnnkit_predict(SEXP config, SEXP params, SEXP x);
SEXP rnnkit_input_check(SEXP config, SEXP n_time_fit, SEXP stateful, SEXP dim,
                        SEXP name);
SEXP rnnkit_loss_grad(SEXP config, SEXP loss, SEXP params, SEXP x, SEXP y,
                      SEXP seed);
SEXP rnnkit_train(SEXP config, SEXP train, SEXP params, SEXP x, SEXP y,
                  SEXP xval, SEXP yval, SEXP seed, SEXP verbose);
SEXP rnnkit_model_encode(SEXP records);
SEXP rnnkit_write_file(SEXP file, SEXP bytes);
SEXP rnnkit_model_decode(SEXP raw);
/* src/gw/file.c (model files, schema, CSV, calendar) */
SEXP rnnkit_read_csv(SEXP raw, SEXP delim, SEXP day_first);
SEXP rnnkit_schema(void);
SEXP rnnkit_file_flags(SEXP paths, SEXP flag);
SEXP rnnkit_suggest(SEXP x, SEXP choices);
/* the series engine */
SEXP rnnkit_series_plan(SEXP data, SEXP feat, SEXP tgt, SEXP spec,
                        SEXP center, SEXP scale);
SEXP rnnkit_series_eval(SEXP data, SEXP tgt, SEXP horizon, SEXP first,
                        SEXP pred, SEXP center, SEXP scale, SEXP set,
                        SEXP hist, SEXP n_fit, SEXP period, SEXP transform);
/* end of the series engine */
SEXP rnnkit_rescale(SEXP data, SEXP center, SEXP scale, SEXP to_center,
                    SEXP to_scale);
SEXP rnnkit_locf(SEXP data);
/* issue 14 forecast/calendar block */
SEXP rnnkit_forecast(SEXP config, SEXP params, SEXP spec, SEXP seed);
SEXP rnnkit_next_dates(SEXP index, SEXP dated, SEXP h);
SEXP rnnkit_calendar(SEXP days, SEXP kinds); /* issue 15 covariates */
SEXP rnnkit_season_period(SEXP index); /* issue 15 */
SEXP rnnkit_match_dates(SEXP fc, SEXP hist, SEXP index);
/* end of the issue 14 forecast/calendar block */
SEXP rnnkit_accuracy(SEXP actual, SEXP pred, SEXP scale, SEXP origin);
SEXP rnnkit_panel_pool(SEXP tab); /* issue 16 */
SEXP rnnkit_forecast_accuracy(SEXP hist, SEXP actual, SEXP point, SEXP period);
SEXP rnnkit_naive_scale(SEXP x, SEXP period);
SEXP rnnkit_lambda_summary(SEXP lambda);
SEXP rnnkit_text_encode(SEXP texts, SEXP level, SEXP lower, SEXP filters,
                        SEXP vocab, SEXP oov);
SEXP rnnkit_vocab_fit(SEXP texts, SEXP level, SEXP lower, SEXP filters,
                      SEXP num_words, SEXP oov);
SEXP rnnkit_text_decode(SEXP lens, SEXP values, SEXP vocab, SEXP level);
SEXP rnnkit_params_from_layer(SEXP config, SEXP format, SEXP weights);
SEXP rnnkit_params_to_layer(SEXP config, SEXP params, SEXP format);
SEXP rnnkit_utf8_valid(SEXP texts); /* issue 14, text (h14-text) */
SEXP rnnkit_pad_sequences(SEXP lens, SEXP values, SEXP maxlen, SEXP pad_post,
                          SEXP trunc_post, SEXP value);
SEXP rnnkit_text_streams(SEXP tokens, SEXP seq_len, SEXP batch_size);
SEXP rnnkit_generate(SEXP config, SEXP params, SEXP prime, SEXP n,
                     SEXP temperature, SEXP seed, SEXP state);
SEXP rnnkit_need_memory(SEXP bytes, SEXP what);
/* r_step.c */
SEXP rnnkit_state_size(SEXP config, SEXP n_batch);
SEXP rnnkit_step(SEXP config, SEXP params, SEXP x, SEXP state);
/* Called once from R_init_rnnkit. */
void rnnkit_remember_pid(void);
#endif
