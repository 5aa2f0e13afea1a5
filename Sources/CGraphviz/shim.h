#include <gvc.h>
#include <gvplugin.h>
#include <gvplugin_textlayout.h>
#include <gvcjob.h>

/* Graphviz's output call for its renderers, from its gvio.h (which libgraphviz-dev does not
   install): writes len bytes of s to the job's output. */
extern size_t gvwrite(GVJ_t *job, const char *s, size_t len);
