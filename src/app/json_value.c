/* json_value.c - instants, days and references as JSON values (see json_value.h). */
#include "app/json_value.h"

#include "core/date.h"
#include "model/meeting.h"
#include "model/org.h"

json_t *json_instant(int64_t t)
{
    char text[21];

    if (!t)
        return json_null();
    meeting_format_utc(t, text);
    return json_string(text);
}

json_t *json_day(int32_t d)
{
    char iso[11];

    if (d == DATE_OPEN)
        return json_null();
    date_format_iso(d, iso);
    return json_string(iso);
}

json_t *json_ref(int64_t id)
{
    return id ? json_integer(id) : json_null();
}
