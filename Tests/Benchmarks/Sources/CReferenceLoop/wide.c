#include <math.h>
#include "CReferenceLoop.h"

enum { IN = 2, H = 16 };

double c_reference_wide(int epochs, int batch_size, int samples, const double *x, const double *y,
                        double *w1, double *b1, double *w2, double *b2, double *w3, double *b3, double eta) {
    double loss = 0;
    for (int e = 0; e < epochs; e++) {
        loss = 0;
        for (int start = 0; start < samples; start += batch_size) {
            int end = start + batch_size < samples ? start + batch_size : samples;
            double scale = 1.0 / (end - start);
            double g1[IN * H] = {0}, gb1[H] = {0}, g2[H * H] = {0}, gb2[H] = {0}, g3[H] = {0}, gb3 = 0;
            for (int s = start; s < end; s++) {
                const double *in = x + s * IN;
                double h1[H], h2[H];
                for (int j = 0; j < H; j++) {
                    double n = b1[j];
                    for (int i = 0; i < IN; i++) n += in[i] * w1[i * H + j];
                    h1[j] = tanh(n);
                }
                for (int j = 0; j < H; j++) {
                    double n = b2[j];
                    for (int i = 0; i < H; i++) n += h1[i] * w2[i * H + j];
                    h2[j] = tanh(n);
                }
                double t = b3[0];
                for (int i = 0; i < H; i++) t += h2[i] * w3[i];
                double out = 1 / (1 + exp(-t));
                /* The stable BCE that nnview uses: softplus(t) - Q*t. */
                loss += fmax(t, 0) + log1p(exp(-fabs(t))) - y[s] * t;
                double d3 = out - y[s], d2[H], d1[H];
                for (int i = 0; i < H; i++) d2[i] = w3[i] * d3 * (1 - h2[i] * h2[i]);
                for (int i = 0; i < H; i++) {
                    double sum = 0;
                    for (int j = 0; j < H; j++) sum += w2[i * H + j] * d2[j];
                    d1[i] = sum * (1 - h1[i] * h1[i]);
                }
                gb3 += scale * d3;
                for (int i = 0; i < H; i++) g3[i] += scale * h2[i] * d3;
                for (int j = 0; j < H; j++) gb2[j] += scale * d2[j];
                for (int i = 0; i < H; i++)
                    for (int j = 0; j < H; j++) g2[i * H + j] += scale * h1[i] * d2[j];
                for (int j = 0; j < H; j++) gb1[j] += scale * d1[j];
                for (int i = 0; i < IN; i++)
                    for (int j = 0; j < H; j++) g1[i * H + j] += scale * in[i] * d1[j];
            }
            b3[0] -= eta * gb3;
            for (int i = 0; i < H; i++) w3[i] -= eta * g3[i];
            for (int j = 0; j < H; j++) {
                b2[j] -= eta * gb2[j];
                b1[j] -= eta * gb1[j];
            }
            for (int k = 0; k < H * H; k++) w2[k] -= eta * g2[k];
            for (int k = 0; k < IN * H; k++) w1[k] -= eta * g1[k];
        }
    }
    return loss / samples;
}
