#include <math.h>
#include "CReferenceLoop.h"

double c_reference_xor(int epochs) {
    const double X[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, Y[4] = {0, 1, 1, 0};
    double V[2][3] = {{0.5, -0.4, 0.3}, {-0.6, 0.7, 0.2}}, bv[3] = {0.1, -0.1, 0.0}, W[3] = {0.8, -0.7, 0.5}, bw = 0.05;
    const double eta = 0.5;
    double loss = 0;
    for (int e = 0; e < epochs; e++) {
        double gV[2][3] = {{0}}, gbv[3] = {0}, gW[3] = {0}, gbw = 0;
        loss = 0;
        for (int s = 0; s < 4; s++) {
            double z[3];
            for (int j = 0; j < 3; j++) {
                double n = bv[j];
                for (int i = 0; i < 2; i++) n += X[s][i] * V[i][j];
                z[j] = 1 / (1 + exp(-n));
            }
            double n = bw;
            for (int j = 0; j < 3; j++) n += z[j] * W[j];
            double y = 1 / (1 + exp(-n));
            /* The stable BCE that nnview uses: softplus(n) - Q*n, one exp and one log1p. */
            loss += fmax(n, 0) + log1p(exp(-fabs(n))) - Y[s] * n;
            double d = y - Y[s];
            gbw += d / 4;
            for (int j = 0; j < 3; j++) {
                gW[j] += d * z[j] / 4;
                double dz = d * W[j] * z[j] * (1 - z[j]);
                gbv[j] += dz / 4;
                for (int i = 0; i < 2; i++) gV[i][j] += dz * X[s][i] / 4;
            }
        }
        bw -= eta * gbw;
        for (int j = 0; j < 3; j++) {
            W[j] -= eta * gW[j];
            bv[j] -= eta * gbv[j];
            for (int i = 0; i < 2; i++) V[i][j] -= eta * gV[i][j];
        }
    }
    return loss / 4;
}
