// Compiled for aarch64 by fma_probe.cmake: each function holds a multiply followed by an add or a
// subtract that GCC fuses into one instruction (fmadd, fmsub, fnmadd, fnmsub) unless the build's
// floating-point flags forbid it.
extern "C" {

double probe_multiply_add(double a, double b, double c) {
  return a * b + c;
}
double probe_multiply_subtract(double a, double b, double c) {
  return c - a * b;
}
double probe_negated_multiply_add(double a, double b, double c) {
  return -(a * b) - c;
}
double probe_negated_multiply_subtract(double a, double b, double c) {
  return a * b - c;
}

// A polynomial in Horner form, as the maths and the model evaluate them.
double probe_horner(const double* coefficients, int n, double x) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i)
    sum = sum * x + coefficients[i];
  return sum;
}
}
