package io.verso.inference.monitoring.feedback;

/**
 * One row's ground truth as the client sent it.
 *
 * @param text compared with a predicted class: a class name, or an integral number written without a fraction
 * @param number the numeric value for regression; null when the label is not a number
 */
public record Label(String text, Double number) {

    public static Label of(double number) {
        boolean integral = number == Math.rint(number) && !Double.isInfinite(number);
        return new Label(integral ? Long.toString((long) number) : Double.toString(number), number);
    }

    public static Label of(String text) {
        return new Label(text, null);
    }
}
