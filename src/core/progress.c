/* The training progress line that both hosts draw (issue 18, item 6):
 * formatted once here, printed by the gateways (the core never prints). */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* seconds as "4s" / "2m05s" / "1h03m" (ETA), or with a tenth under a
 * minute ("3.1s") for the elapsed time */
static void secs(char *buf, size_t n, double s, int tenths) {
  if (!(s >= 0)) s = 0;
  if (s < 60 && tenths)
    snprintf(buf, n, "%.1fs", s);
  else if (s < 60)
    snprintf(buf, n, "%.0fs", s < 1 ? 1 : s);
  else if (s < 3600)
    snprintf(buf, n, "%dm%02ds", (int)(s / 60), (int)fmod(s, 60));
  else
    snprintf(buf, n, "%dh%02dm", (int)(s / 3600), (int)fmod(s / 60, 60));
}

int rnn_progress_line(char *line, size_t n, int width, int bar,
                      const rnn_progress *p) {
  enum { P_HEAD, P_PCT, P_LOSS, P_VAL, P_LR, P_ACC, P_VACC, P_ETA, NP };
  static const int drop_order[] = {P_ETA, P_LR, P_VACC, P_ACC, P_PCT, P_VAL};
  char part[NP][64], bars[40], num[32], t1[24], t2[24];
  int k, m, total, nb = 0, fill, len, w = width > 0 ? width - 1 : 1 << 20;
  double frac = p->frac < 0 ? 0 : (p->frac > 1 ? 1 : p->frac);
  double eta = frac > 0 ? p->elapsed * (1 - frac) / frac : 0;
  if (n == 0) return 0;
  for (k = 0; k < NP; k++) part[k][0] = '\0';
  /* fields of fixed width (numbers padded to the longest usual %.4g, e.g.
   * 1.234e-05), so the bar keeps its size from one redraw to the next */
  snprintf(num, sizeof num, "%d", p->n_epochs);
  if (p->n_members > 1) /* ensemble (issue 15) */
    snprintf(part[P_HEAD], 64, "member %d/%d epoch %*d/%d", p->member + 1,
             p->n_members, (int)strlen(num), p->epoch, p->n_epochs);
  else
    snprintf(part[P_HEAD], 64, "epoch %*d/%d", (int)strlen(num), p->epoch, p->n_epochs);
  snprintf(part[P_PCT], 64, " %3d%%", (int)(100 * frac + 0.5));
  snprintf(part[P_LOSS], 64, "  loss %-9.4g", p->loss);
  if (!isnan(p->val_loss)) snprintf(part[P_VAL], 64, "  val %-9.4g", p->val_loss);
  if (isfinite(p->lr)) snprintf(part[P_LR], 64, "  lr %-9.3g", p->lr);
  if (!isnan(p->acc)) {
    snprintf(part[P_ACC], 64, "  acc %.3f", p->acc);
    if (!isnan(p->val_acc)) snprintf(part[P_VACC], 64, "  val_acc %.3f", p->val_acc);
  }
  secs(t1, sizeof t1, p->elapsed, 1);
  if (frac < 1) {
    secs(t2, sizeof t2, eta, 0);
    snprintf(part[P_ETA], 64, "  %s  ETA %-5s", t1, t2);
  } else {
    snprintf(part[P_ETA], 64, "  %s", t1);
  }
  total = 0;
  for (k = 0; k < NP; k++) total += (int)strlen(part[k]);
  if (bar) {
    nb = w - total - 3; /* " [" and "]" */
    if (nb > 30) nb = 30;
  }
  for (m = 0; (bar ? nb < 5 : 1) && total > w &&
              m < (int)(sizeof drop_order / sizeof *drop_order); m++) {
    total -= (int)strlen(part[drop_order[m]]);
    part[drop_order[m]][0] = '\0';
  }
  bars[0] = '\0';
  if (bar && nb >= 5) {
    fill = (int)(frac * nb + 0.5);
    bars[0] = ' ';
    bars[1] = '[';
    for (k = 0; k < nb; k++) bars[k + 2] = k < fill ? '=' : (k == fill ? '>' : ' ');
    bars[nb + 2] = ']';
    bars[nb + 3] = '\0';
  }
  len = snprintf(line, n, "%s%s%s%s%s%s%s%s%s", part[P_HEAD], bars, part[P_PCT],
                 part[P_LOSS], part[P_VAL], part[P_LR], part[P_ACC], part[P_VACC],
                 part[P_ETA]);
  if (len < 0) len = 0;
  if (len > (int)n - 1) len = (int)n - 1;
  if (len > w) len = w;
  line[len] = '\0';
  while (len > 0 && line[len - 1] == ' ') line[--len] = '\0';
  return len;
}

void rnn_progress_init(rnn_progress *p, int epoch, int n_epochs, int member,
                       int n_members, double frac, double loss,
                       double val_loss, int done, const double *acc,
                       const double *val_acc, double elapsed) {
  size_t off = (size_t)member * (size_t)n_epochs + (size_t)done - 1;
  p->epoch = epoch;
  p->n_epochs = n_epochs;
  p->member = member;
  p->n_members = n_members;
  p->frac = frac;
  p->loss = loss;
  p->val_loss = val_loss;
  p->acc = done >= 1 && acc ? acc[off] : NAN;
  p->val_acc = done >= 1 && val_acc ? val_acc[off] : NAN;
  p->elapsed = elapsed;
  p->lr = NAN;
}

void rnn_progress_lr(rnn_progress *p, const rnn_train_config *tc) {
  p->lr = tc && tc->lr_schedule != RNN_LR_NONE && p->epoch >= 1
              ? rnn_lr_at(tc, p->epoch - 1)
              : NAN;
}
