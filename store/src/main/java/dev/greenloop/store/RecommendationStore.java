package dev.greenloop.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recommendations, the actions taken on them, automation rules and the served variant per model. Open one with
 * {@link Stores#openRecommendations(StoreConfig)}. Every write is committed before the method returns; calls are
 * safe from several threads.
 */
public interface RecommendationStore extends AutoCloseable {

    /**
     * Keeps a freshly generated recommendation: a new one as given; one already stored gets the new estimate, basis,
     * evidence, how-to and change, and keeps its status, creation time and outcome.
     *
     * @throws StoreException if the store cannot be written
     */
    void upsert(StoredRecommendation recommendation);

    /** Replaces the status and outcome of a stored recommendation (as {@link StoredRecommendation#withOutcome}). */
    void update(StoredRecommendation recommendation);

    /** @return every recommendation, newest first by creation; an immutable list */
    List<StoredRecommendation> list();

    /** @return the recommendation with this id */
    Optional<StoredRecommendation> find(String id);

    /** Records one action. */
    void record(RecommendationAction action);

    /** @return the actions on one recommendation, oldest first; an immutable list */
    List<RecommendationAction> actions(String recommendationId);

    /** Keeps a rule, replacing the kind's previous one. */
    void saveRule(AutomationRule rule);

    /** @return every rule, by kind; an immutable list */
    List<AutomationRule> rules();

    /** Sets the variant to serve for a model. */
    void setServedVariant(String model, String variant, Instant at, String who);

    /** @return the variant to serve per model; an immutable map */
    Map<String, String> servedVariants();

    /** Removes the served-variant setting of a model (serving then uses its default). */
    void clearServedVariant(String model);

    /** @return a description of where the store is */
    String location();

    @Override
    void close();
}
