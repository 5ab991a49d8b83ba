package io.verso.inference.model;

/**
 * The life of one model version, as TensorFlow Serving reports it: START → LOADING → AVAILABLE → UNLOADING → END,
 * or ERROR with a cause when loading failed.
 */
public enum VersionState {
    START, LOADING, AVAILABLE, UNLOADING, END, ERROR
}
