# Makes the statistics test fixtures and R's reference figures.
# Run from this folder:  LALONDE_DATA=<folder with nsw_dw.rda and psid_controls.rda> Rscript make-references.R
# Debian bookworm: apt-get install r-cran-cardata r-cran-survival
# (R 4.2.2, survival 3.5-3, carData 3.0-5).
suppressPackageStartupMessages({ library(carData); library(survival) })
options(digits = 15)
w <- function(x, file) write.csv(x, file, row.names = FALSE, quote = FALSE)
num <- function(x) format(x, digits = 15)

## Rossi et al. recidivism, carData::Rossi, coded 0/1 as lifelines' rossi.csv:
## fin yes=1, race black=1, wexp yes=1, mar married=1, paro yes=1.
r <- carData::Rossi
rossi <- data.frame(week = r$week, arrest = r$arrest,
  fin = as.integer(r$fin == "yes"), age = r$age, race = as.integer(r$race == "black"),
  wexp = as.integer(r$wexp == "yes"), mar = as.integer(r$mar == "married"),
  paro = as.integer(r$paro == "yes"), prio = r$prio)
w(rossi, "rossi.csv")

cox_rows <- function(ties) {
  fit <- coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi, ties = ties)
  s <- summary(fit)
  rbind(
    data.frame(ties = ties, term = names(coef(fit)), value = num(coef(fit)), se = num(sqrt(diag(vcov(fit))))),
    data.frame(ties = ties, term = c("loglik", "loglik0", "concordance", "lr"),
      value = num(c(fit$loglik[2], fit$loglik[1], fit$concordance[["concordance"]], s$logtest[["test"]])), se = ""))
}
w(rbind(cox_rows("efron"), cox_rows("breslow")), "rossi-cox-reference.csv")

km <- summary(survfit(Surv(week, arrest) ~ 1, data = rossi))  # conf.type = "log", the default
w(data.frame(time = km$time, n_risk = km$n.risk, n_event = km$n.event, surv = num(km$surv),
  std_err = num(km$std.err), lower = num(km$lower), upper = num(km$upper)), "rossi-km-reference.csv")
# By financial aid (fin), for the two-arm curves.
kmf <- summary(survfit(Surv(week, arrest) ~ fin, data = rossi))
w(data.frame(fin = sub("fin=", "", kmf$strata), time = kmf$time, n_risk = kmf$n.risk, n_event = kmf$n.event,
  surv = num(kmf$surv), std_err = num(kmf$std.err), lower = num(kmf$lower), upper = num(kmf$upper)), "rossi-km-fin-reference.csv")

## NSW, Dehejia-Wahba sample and the PSID-1 comparison group: Dehejia's nsw_dw.dta (445 = 185 treated + 260
## experimental controls) and psid_controls.dta (2,490), as converted unchanged by the CC0 R data package
## jjchern/lalonde (data/nsw_dw.rda, data/psid_controls.rda). LALONDE_DATA names the folder holding those two files.
dir <- Sys.getenv("LALONDE_DATA", "lalonde-data")
load(file.path(dir, "nsw_dw.rda")); load(file.path(dir, "psid_controls.rda"))
cols <- c("treat", "age", "education", "black", "hispanic", "married", "nodegree", "re74", "re75", "re78")
nsw <- as.data.frame(nsw_dw)[, cols]
psid <- as.data.frame(psid_controls)[, cols]
wn <- function(x, file) { x[] <- lapply(x, as.character); w(x, file) }  # as.character: 15 significant digits
wn(nsw, "nsw-dw.csv")
wn(psid, "psid-controls.csv")
t <- t.test(re78 ~ I(1 - treat), data = nsw)  # Welch: treated minus control
w(data.frame(term = c("treated_mean", "control_mean", "difference", "welch_se"),
  value = num(c(t$estimate[[1]], t$estimate[[2]], t$estimate[[1]] - t$estimate[[2]], t$stderr))), "nsw-dw-reference.csv")

d <- rbind(nsw[nsw$treat == 1, ], psid)
f <- treat ~ age + education + black + hispanic + married + nodegree + re74 + re75
ps <- glm(f, data = d, family = binomial)
out <- data.frame(term = paste0("glm_", names(coef(ps))), value = num(coef(ps)), se = num(sqrt(diag(vcov(ps)))))
out <- rbind(out, data.frame(term = "glm_deviance", value = num(deviance(ps)), se = ""))
# Nearest-neighbour matching, written out here as the reference (not MatchIt): Debian's MatchIt 4.5.1 compares
# distances with C's integer abs() in nn_matchC_vec.cpp, so its caliper and its left/right choice of the nearest
# control are wrong on Linux (MatchIt issue #163, fixed in 4.5.4 by std::abs; commit 4b5b2f8). The algorithm:
# treated units in decreasing order of the logit (MatchIt's m.order = "largest"); each takes the available control
# nearest on the logit, ties to the lowest row; without replacement a control is used once; the caliper is
# 0.2 standard deviations of the logit over all units (MatchIt's std.caliper), a treated unit with no control
# inside it stays unmatched.
lp <- predict(ps)  # the linear predictor, the log-odds
tr <- which(d$treat == 1)
ord <- tr[order(lp[tr], decreasing = TRUE)]
nn <- function(replace = FALSE, caliper = Inf) {
  avail <- which(d$treat == 0); pairs <- NULL
  for (t in ord) {
    if (length(avail) == 0) break
    dd <- abs(lp[avail] - lp[t]); j <- which.min(dd)
    if (dd[j] > caliper) next
    pairs <- rbind(pairs, data.frame(treated = t, control = avail[j]))
    if (!replace) avail <- avail[-j]
  }
  pairs
}
ref <- function(label, pairs) {
  # Row numbers in d: 1-185 the treated, 186-2675 the PSID controls in file order.
  w(pairs, paste0("psid-pairs-", label, ".csv"))
  wt <- numeric(nrow(d)); wt[pairs$treated] <- 1
  for (c in pairs$control) wt[c] <- wt[c] + 1
  tm <- d$treat == 1; cm <- d$treat == 0
  est <- weighted.mean(d$re78[tm], wt[tm]) - weighted.mean(d$re78[cm], wt[cm])
  # Balance before and after: means and standardised differences with the treated group's SD (MatchIt's and
  # cobalt's ATT default) and with the pooled SD sqrt((s2_t + s2_c)/2), both from the unmatched groups;
  # a 0/1 covariate's variance is p(1 - p).
  covs <- c("age", "education", "black", "hispanic", "married", "nodegree", "re74", "re75")
  bal <- do.call(rbind, lapply(covs, function(v) {
    x <- d[[v]]; bin <- all(x %in% c(0, 1))
    vt <- if (bin) mean(x[tm]) * (1 - mean(x[tm])) else var(x[tm])
    vc <- if (bin) mean(x[cm]) * (1 - mean(x[cm])) else var(x[cm])
    b <- c(mean(x[tm]), mean(x[cm])); a <- c(weighted.mean(x[tm], wt[tm]), weighted.mean(x[cm], wt[cm]))
    rbind(data.frame(when = "before", term = v, treated = num(b[1]), control = num(b[2]),
                     smd_treated = num((b[1] - b[2]) / sqrt(vt)), smd_pooled = num((b[1] - b[2]) / sqrt((vt + vc) / 2))),
          data.frame(when = "after", term = v, treated = num(a[1]), control = num(a[2]),
                     smd_treated = num((a[1] - a[2]) / sqrt(vt)), smd_pooled = num((a[1] - a[2]) / sqrt((vt + vc) / 2))))
  }))
  w(bal, paste0("psid-balance-", label, ".csv"))
  data.frame(term = paste0(label, c("_matched_treated", "_distinct_controls", "_difference")),
    value = num(c(nrow(pairs), length(unique(pairs$control)), est)), se = "")
}
out <- rbind(out, ref("nocaliper", nn()), ref("caliper02", nn(caliper = 0.2 * sd(lp))), ref("replace", nn(replace = TRUE)),
  ref("replacecaliper02", nn(replace = TRUE, caliper = 0.2 * sd(lp))))
out <- rbind(out, data.frame(term = "naive_difference", value = num(mean(d$re78[d$treat == 1]) - mean(d$re78[d$treat == 0])), se = ""))
e <- fitted(ps); wts <- ifelse(d$treat == 1, 1, e / (1 - e))
out <- rbind(out, data.frame(term = "ipw_att_difference",
  value = num(mean(d$re78[d$treat == 1]) - weighted.mean(d$re78[d$treat == 0], wts[d$treat == 0])), se = ""))
w(out, "psid-reference.csv")

## Robust (sandwich) standard errors on Rossi: coxph(robust = TRUE), unweighted and with case weights
## w = 1 + (age mod 3) / 2 (arbitrary, to exercise the weights), Efron and Breslow.
rw <- 1 + (rossi$age %% 3) / 2
rob <- function(label, ties, weights) {
  fit <- coxph(Surv(week, arrest) ~ fin + age + prio, data = rossi, ties = ties, weights = weights, robust = TRUE)
  data.frame(variant = label, ties = ties, term = names(coef(fit)), value = num(coef(fit)),
    se = num(sqrt(diag(fit$naive.var))), robust_se = num(sqrt(diag(vcov(fit)))))
}
w(rbind(rob("unweighted", "efron", NULL), rob("weighted", "efron", rw), rob("weighted", "breslow", rw)), "rossi-cox-robust-reference.csv")

## Kaplan–Meier with integer case weights 1 + (age mod 3) (frequency weights, as matching with replacement gives):
## survfit then uses Greenwood's formula on the weighted counts. (With non-integer weights survfit switches to the
## infinitesimal-jackknife variance, which Samsyn does not compute.)
kmw <- summary(survfit(Surv(week, arrest) ~ 1, data = rossi, weights = 1 + rossi$age %% 3))
w(data.frame(time = kmw$time, n_risk = num(kmw$n.risk), n_event = num(kmw$n.event), surv = num(kmw$surv),
  std_err = num(kmw$std.err), lower = num(kmw$lower), upper = num(kmw$upper)), "rossi-km-weighted-reference.csv")
