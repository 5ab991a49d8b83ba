/**
 * Demo SavedModels that Verso writes itself with TensorFlow Java, so the local stack and the tests need no
 * Python: {@link io.verso.demo.DemoModels} is the command-line generator. Depends on TensorFlow Java, and on the
 * contracts for the training statistics {@link io.verso.demo.iris} records.
 */
package io.verso.demo;
