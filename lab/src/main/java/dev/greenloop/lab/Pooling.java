package dev.greenloop.lab;

/** How a sentence vector is made from the encoder's token vectors. */
public enum Pooling {
    /** The mean of the token vectors under the attention mask, special tokens included (sentence-transformers' mean pooling). */
    MEAN,
    /** The first token's vector, {@code [CLS]} (as BGE models are used). */
    CLS;

    /** The name used in flags and files: {@code mean} or {@code cls}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
