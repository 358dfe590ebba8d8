// The package ships no types; only what the churn model uses is declared.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix'

  class LogisticRegressionTwoClasses {
    weights: Matrix
    testScores(features: Matrix): number[]
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number })
    classifiers: LogisticRegressionTwoClasses[]
    train(X: Matrix, Y: Matrix): void
    predict(X: Matrix): number[]
  }
}
