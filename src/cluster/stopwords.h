/* stopwords.h — English function words, which say nothing about a topic.
 * Other languages rely on IDF alone to push their function words down. */
#ifndef SL_CLUSTER_STOPWORDS_H
#define SL_CLUSTER_STOPWORDS_H

#include <stddef.h>

/* 1 if the lowercased word is a stopword. */
int sl_stopword(const char *w, size_t n);

#endif
