#include <gvc.h>
#include <gvplugin.h>
#include <gvplugin_textlayout.h>
