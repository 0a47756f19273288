// What other features may use of the reviews feature.
export { DecisionRecorder } from './decision-recorder';
export { ReviewsHttpModule } from './reviews-http.module';
export { ReviewsModule } from './reviews.module';
