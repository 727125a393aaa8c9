package emulator

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

const (
	ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"
	stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"
)

// apiError is an AWS error answer. Status 0 means 400.
type apiError struct {
	Code    string
	Message string
	Status  int
}

func errf(code, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...)}
}

func invalidParameter(format string, args ...any) *apiError {
	return errf("InvalidParameter", format, args...)
}

func (e *apiError) status() int {
	if e.Status == 0 {
		return http.StatusBadRequest
	}
	return e.Status
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func writeEC2Error(w http.ResponseWriter, reqID string, e *apiError) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(e.status())
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>%s</RequestID></Response>`,
		xmlEscape(e.Code), xmlEscape(e.Message), reqID)
}

func writeSTSError(w http.ResponseWriter, reqID string, e *apiError) {
	w.Header().Set("Content-Type", "text/xml")
	st := e.status()
	if st == http.StatusBadRequest && (e.Code == "AuthFailure" || e.Code == "SignatureDoesNotMatch" || e.Code == "InvalidClientTokenId") {
		st = http.StatusForbidden
	}
	w.WriteHeader(st)
	fmt.Fprintf(w, `<ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>`,
		stsNamespace, xmlEscape(e.Code), xmlEscape(e.Message), reqID)
}

func writeEC2Response(w http.ResponseWriter, action, reqID string, inner []byte) {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<%sResponse xmlns="%s"><requestId>%s</requestId>`, action, ec2Namespace, reqID)
	b.Write(inner)
	fmt.Fprintf(&b, `</%sResponse>`, action)
	writeXML(w, http.StatusOK, "text/xml;charset=UTF-8", b.Bytes())
}

// largeBody is the response size above which writeXML pauses briefly before
// answering. aws-sdk-go-v2 (smithy-go) closes the request body as soon as
// http.Client.Do returns, which races with net/http's writeLoop still
// finishing the request; when it loses, the transport closes the connection
// and a response body not yet buffered fails with "use of closed network
// connection". Over a real network the answer never arrives that fast; on
// loopback it does, so large answers wait a moment.
const largeBody = 2048

// writeXML answers with a complete body and its Content-Length.
func writeXML(w http.ResponseWriter, status int, contentType string, body []byte) {
	if len(body) > largeBody {
		time.Sleep(2 * time.Millisecond)
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// encodeBody writes v's fields (not v itself) as XML to out.
func encodeBody(out *bytes.Buffer, v any) *apiError {
	var b bytes.Buffer
	if err := xml.NewEncoder(&b).EncodeElement(v, xml.StartElement{Name: xml.Name{Local: "x"}}); err != nil {
		return &apiError{Code: "InternalError", Message: err.Error(), Status: http.StatusInternalServerError}
	}
	s := strings.TrimSuffix(strings.TrimPrefix(b.String(), "<x>"), "</x>")
	if s == "<x/>" {
		s = ""
	}
	out.WriteString(s)
	return nil
}

func writeReturn(out *bytes.Buffer) *apiError {
	out.WriteString("<return>true</return>")
	return nil
}

func randHex(n int) string {
	b := make([]byte, (n+1)/2)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)[:n]
}

func newID(prefix string) string { return prefix + "-" + randHex(17) }

func newRequestID() string {
	h := randHex(32)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// list returns prefix.1, prefix.2, … until the first gap.
func list(form map[string][]string, prefix string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := form[prefix+"."+strconv.Itoa(i)]
		if !ok || len(v) == 0 {
			return out
		}
		out = append(out, v[0])
	}
}

func get(form map[string][]string, key string) string {
	if v := form[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// optBool returns the value of a boolean parameter and whether it was given.
func optBool(form map[string][]string, key string) (bool, bool, *apiError) {
	v, ok := form[key]
	if !ok || len(v) == 0 {
		return false, false, nil
	}
	b, err := strconv.ParseBool(v[0])
	if err != nil {
		return false, false, errf("InvalidParameterValue", "Value (%s) for parameter %s is invalid. Expected a boolean.", v[0], key)
	}
	return b, true, nil
}

type tag struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

func tagsParam(form map[string][]string, prefix string) []tag {
	var out []tag
	for i := 1; ; i++ {
		p := fmt.Sprintf("%s.%d.", prefix, i)
		k, ok := form[p+"Key"]
		if !ok {
			return out
		}
		out = append(out, tag{Key: k[0], Value: get(form, p+"Value")})
	}
}

// tagSpecs returns the tags of the TagSpecification for resourceType.
func tagSpecs(form map[string][]string, resourceType string) ([]tag, *apiError) {
	var out []tag
	for i := 1; ; i++ {
		p := fmt.Sprintf("TagSpecification.%d.", i)
		rt, ok := form[p+"ResourceType"]
		if !ok {
			if _, hasTags := form[p+"Tag.1.Key"]; hasTags {
				return nil, errf("InvalidParameterValue", "Tag specification resource type must have a value")
			}
			return out, nil
		}
		if rt[0] != resourceType {
			return nil, errf("InvalidParameterValue", "'%s' is not a valid taggable resource type for this operation.", rt[0])
		}
		out = append(out, tagsParam(form, p+"Tag")...)
		if e := checkTags(nil, out); e != nil {
			return nil, e
		}
	}
}

type filter struct {
	name   string
	values []string
}

func filters(form map[string][]string) []filter {
	var out []filter
	for i := 1; ; i++ {
		p := fmt.Sprintf("Filter.%d.", i)
		n, ok := form[p+"Name"]
		if !ok {
			return out
		}
		out = append(out, filter{name: n[0], values: list(form, p+"Value")})
	}
}

// matchFilters reports whether a resource matches every filter. field returns
// the resource's values for a filter name and whether the name is known.
func matchFilters(fs []filter, tags []tag, field func(name string) ([]string, bool)) (bool, *apiError) {
	for _, f := range fs {
		var have []string
		switch {
		case strings.HasPrefix(f.name, "tag:"):
			k := strings.TrimPrefix(f.name, "tag:")
			for _, t := range tags {
				if t.Key == k {
					have = append(have, t.Value)
				}
			}
		case f.name == "tag-key":
			for _, t := range tags {
				have = append(have, t.Key)
			}
		case f.name == "tag-value":
			for _, t := range tags {
				have = append(have, t.Value)
			}
		default:
			v, ok := field(f.name)
			if !ok {
				return false, errf("InvalidParameterValue", "The filter '%s' is invalid", f.name)
			}
			have = v
		}
		if !anyMatch(f.values, have) {
			return false, nil
		}
	}
	return true, nil
}

// selectIDs returns, in sorted order, the ids of the objects of objs that a
// Describe request selects: those named in its idParam list (every one when the
// list is empty) that keep accepts (when keep is not nil) and that match its
// filters. field gives an object's values for a filter name, as for
// matchFilters; tag filters look at the object's tags. A listed id that objs
// lacks fails the request with missing(id).
func selectIDs[V any](r *request, idParam string, objs map[string]V, missing func(id string) *apiError,
	keep func(id string, v V) bool, field func(id string, v V, name string) ([]string, bool)) ([]string, *apiError) {
	ids := list(r.form, idParam)
	for _, id := range ids {
		if _, ok := objs[id]; !ok {
			return nil, missing(id)
		}
	}
	fs := filters(r.form)
	var out []string
	for _, id := range sortedKeys(objs) {
		v := objs[id]
		if (len(ids) > 0 && !contains(ids, id)) || (keep != nil && !keep(id, v)) {
			continue
		}
		ok, e := matchFilters(fs, r.st.tags[id], func(name string) ([]string, bool) { return field(id, v, name) })
		if e != nil {
			return nil, e
		}
		if ok {
			out = append(out, id)
		}
	}
	return out, nil
}

func anyMatch(patterns, have []string) bool {
	for _, p := range patterns {
		for _, h := range have {
			if p == h {
				return true
			}
			if strings.ContainsAny(p, "*?") {
				if ok, _ := path.Match(p, h); ok {
					return true
				}
			}
		}
	}
	return false
}

func boolStr(b bool) string { return strconv.FormatBool(b) }

// page applies MaxResults/NextToken to n items and returns the [from, to)
// window and the next token.
func page(form map[string][]string, n, minMax int) (from, to int, next string, e *apiError) {
	if t := get(form, "NextToken"); t != "" {
		v, err := strconv.Atoi(strings.TrimPrefix(t, "tok-"))
		if err != nil || v < 0 || v > n {
			return 0, 0, "", errf("InvalidNextToken", "The token '%s' is invalid.", t)
		}
		from = v
	}
	to = n
	if m := get(form, "MaxResults"); m != "" {
		v, err := strconv.Atoi(m)
		if err != nil || v < minMax || v > 1000 {
			return 0, 0, "", errf("InvalidParameterValue", "Value ( %s ) for parameter maxResults is invalid. Parameter must be between %d and 1000.", m, minMax)
		}
		if from+v < n {
			to = from + v
			next = "tok-" + strconv.Itoa(to)
		}
	}
	return from, to, next, nil
}
